namespace Compacts.Functions.Office;

/// <summary>
/// A Word document in the official layout (<see cref="DocxWriter"/>): below the heading its title (bold capitals) and an optional
/// subtitle, then the body's blocks in order, then the signature blocks side by side.
/// </summary>
public sealed record OfficialDocument(string Title, string? Subtitle, IReadOnlyList<DocumentBlock> Body, IReadOnlyList<SignatureBlock> Signatures);
