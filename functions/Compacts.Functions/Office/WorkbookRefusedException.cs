namespace Compacts.Functions.Office;

/// <summary>A workbook <see cref="XlsxReader"/> will not read: <see cref="Status"/> 413 over a limit, 400 when it is no readable workbook.</summary>
public sealed class WorkbookRefusedException(int status, string detail) : Exception(detail)
{
    public int Status { get; } = status;
}
