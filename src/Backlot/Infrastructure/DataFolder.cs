namespace Backlot.Infrastructure;

/// <summary>
/// Where Backlot keeps its state on disk: the SQLite database, media and keys.
/// Set by <c>--data</c>, the <c>DataPath</c> setting or environment variable; by default <c>data/</c>
/// at the repository root (the folder holding Backlot.slnx), else beside the app.
/// </summary>
public sealed class DataFolder
{
    public DataFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }
    public string DatabaseFile => System.IO.Path.Combine(Path, "backlot.db");
    public string MediaPath => System.IO.Path.Combine(Path, "media");
    public string KeysPath => System.IO.Path.Combine(Path, "keys");

    public static DataFolder Resolve(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["DataPath"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new DataFolder(configured);
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Backlot.slnx")))
            {
                return new DataFolder(System.IO.Path.Combine(dir.FullName, "data"));
            }
        }

        return new DataFolder(System.IO.Path.Combine(contentRoot, "data"));
    }

    /// <summary>Creates the folder and its subfolders; throws with the path named when it cannot.</summary>
    public void EnsureCreated()
    {
        Directory.CreateDirectory(Path);
        Directory.CreateDirectory(MediaPath);
        Directory.CreateDirectory(KeysPath);
    }
}
