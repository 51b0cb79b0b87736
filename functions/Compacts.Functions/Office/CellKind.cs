namespace Compacts.Functions.Office;

/// <summary>How a column's cells are written: text, a count (a whole number), or a score (a number shown with two decimals).</summary>
public enum CellKind { Text, Count, Score }
