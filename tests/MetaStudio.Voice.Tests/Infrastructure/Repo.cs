namespace MetaStudio.Voice.Tests.Infrastructure;

/// <summary>Paths in the repository, found from the test binaries.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The built module's manifest: the folder Install-Module would lay out.</summary>
    public static string Manifest { get; } = Path.Combine(Root, "out", "MetaStudio.Voice", "MetaStudio.Voice.psd1");

    public static string ModuleDirectory => Path.GetDirectoryName(Manifest)!;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MetaStudio.sln"))) return dir.FullName;
        throw new InvalidOperationException("MetaStudio.sln not found above " + AppContext.BaseDirectory);
    }
}
