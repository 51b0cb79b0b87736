namespace Compacts.Functions.Office;

/// <summary>A signature block: the signer's title in bold capitals, a hint in italics ("(Ký, ghi rõ họ tên)"), room to sign, and a blank name line.</summary>
public sealed record SignatureBlock(string Title, string Hint = "(Ký, ghi rõ họ tên)");
