namespace Compacts.Functions.Office;

/// <summary>What a read cell holds (<see cref="SheetCell"/>).</summary>
public enum CellContent { Number, Text, Boolean, Error, FormulaWithoutValue }
