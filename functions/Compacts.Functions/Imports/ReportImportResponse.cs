namespace Compacts.Functions.Imports;

/// <summary>A month's import stored: each report's new revision (as a PUT answers it), in the sheet's order.</summary>
public sealed record ReportImportResponse(string CompactId, Period Period, int Imported, IReadOnlyList<ReportRevision> Reports);
