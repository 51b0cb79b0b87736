namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>Files a test made for a person to look at (rendered documents): copied to the repository's artifacts/documents.</summary>
public static class ArtifactFiles
{
    public static void Keep(string file)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Serverless.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            return; // not run from a checkout
        }

        var folder = Directory.CreateDirectory(Path.Combine(root.FullName, "artifacts", "documents"));
        File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)), overwrite: true);
    }
}
