namespace Compacts.Functions.Office;

/// <summary>A table column: its header, how its cells are written, and its width in characters.</summary>
public sealed record SheetColumn(string Header, CellKind Kind, double Width);
