using System.Diagnostics;

namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>
/// Readers of office files other than the library that wrote them: LibreOffice headless (converts to PDF: a file it cannot
/// open fails), and Python's openpyxl and python-docx (Debian's python3-openpyxl, python3-docx). scripts/test.sh installs them.
/// </summary>
public static class OfficeReaders
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Converts <paramref name="file"/> to PDF with LibreOffice (its own profile, so tests may run at once): the exit code and the PDF's path.</summary>
    public static async Task<(int ExitCode, string Pdf, string Output)> ConvertToPdfAsync(string file)
    {
        var soffice = new[] { "/usr/bin/soffice", "/usr/bin/libreoffice" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("LibreOffice is not installed (apt-get install libreoffice-calc libreoffice-writer); scripts/test.sh installs it as root.");
        var outDir = Path.Combine(Path.GetTempPath(), "lo-out-" + Guid.NewGuid().ToString("N"));
        var profile = Path.Combine(Path.GetTempPath(), "lo-profile-" + Guid.NewGuid().ToString("N"));
        var (code, output) = await RunAsync(soffice, [$"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir, file]);
        Directory.Delete(profile, recursive: true);
        return (code, Path.Combine(outDir, Path.GetFileNameWithoutExtension(file) + ".pdf"), output);
    }

    /// <summary>Every sheet's non-empty cells as openpyxl reads them: sheet name → "A1" → value (numbers as numbers), plus each sheet's frozen pane and merged ranges.</summary>
    public static async Task<JsonElement> ReadXlsxAsync(string file)
    {
        const string script = """
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            out = {}
            for ws in book.worksheets:
                cells = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
                out[ws.title] = {"cells": cells, "freeze": ws.freeze_panes, "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                                 "orientation": ws.page_setup.orientation, "paperSize": ws.page_setup.paperSize,
                                 "fitToWidth": ws.page_setup.fitToWidth, "printTitleRows": ws.print_title_rows,
                                 "formats": {c.coordinate: c.number_format for row in ws.iter_rows() for c in row if isinstance(c.value, (int, float))}}
            print(json.dumps(out, ensure_ascii=False))
            """;
        return await PythonJsonAsync(script, file);
    }

    /// <summary>A .docx as python-docx reads it: its paragraphs' texts, its tables' cell texts, and the fonts its runs name.</summary>
    public static async Task<JsonElement> ReadDocxAsync(string file)
    {
        const string script = """
            import json, sys, docx
            d = docx.Document(sys.argv[1])
            out = {"paragraphs": [p.text for p in d.paragraphs],
                   "tables": [[[c.text for c in r.cells] for r in t.rows] for t in d.tables],
                   "fonts": sorted({r.font.name for p in d.paragraphs for r in p.runs if r.font.name}),
                   "defaultFont": d.styles["Normal"].font.name,
                   "defaultSize": d.styles["Normal"].font.size.pt if d.styles["Normal"].font.size else None}
            print(json.dumps(out, ensure_ascii=False))
            """;
        return await PythonJsonAsync(script, file);
    }

    /// <summary>Runs a Python script with <paramref name="arguments"/>; fails the test when it does not exit with 0.</summary>
    public static async Task<string> RunPythonAsync(string script, params string[] arguments)
    {
        var path = Path.Combine(Path.GetTempPath(), "script-" + Guid.NewGuid().ToString("N") + ".py");
        await File.WriteAllTextAsync(path, script);
        var (code, output) = await RunAsync(Python, [path, .. arguments]);
        File.Delete(path);
        Assert.True(code == 0, $"python3 failed: {output}");
        return output;
    }

    private static async Task<JsonElement> PythonJsonAsync(string script, string file)
    {
        var path = Path.Combine(Path.GetTempPath(), "reader-" + Guid.NewGuid().ToString("N") + ".py");
        await File.WriteAllTextAsync(path, script);
        var (code, output) = await RunAsync(Python, [path, file]);
        File.Delete(path);
        Assert.True(code == 0, $"python3 could not read {file}: {output}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
