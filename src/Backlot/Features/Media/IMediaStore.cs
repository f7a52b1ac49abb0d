namespace Backlot.Features.Media;

/// <summary>Where media files live: the data folder by default, object storage when instances share no disk.</summary>
public interface IMediaStore
{
    /// <summary>Writes one file of an asset: <paramref name="key"/> is the asset's storage key, <paramref name="name"/> e.g. "640.webp".</summary>
    Task WriteAsync(string key, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>The public URL of one file of an asset.</summary>
    string UrlOf(string key, string name);
}

/// <summary>Keeps media under the data folder's media/ and serves it at /media.</summary>
internal sealed class DiskMediaStore(Infrastructure.DataFolder dataFolder) : IMediaStore
{
    public const string UrlPrefix = "/media";

    public async Task WriteAsync(string key, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var folder = FolderOf(key);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, SafeName(name));
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
        File.Move(temporary, path, overwrite: true); // readers never see half a file
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var folder = FolderOf(key);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    public string UrlOf(string key, string name) => $"{UrlPrefix}/{key}/{name}";

    private string FolderOf(string key)
    {
        if (!MediaKeys.IsValid(key))
        {
            throw new ArgumentException("Not a generated media key.", nameof(key));
        }

        return Path.Combine(dataFolder.MediaPath, key);
    }

    private static string SafeName(string name) =>
        name.Length is > 0 and < 40 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-')
            && !name.StartsWith('.')
            ? name
            : throw new ArgumentException("Not a media file name.", nameof(name));
}

/// <summary>Storage keys are generated, never taken from an upload, so no path ever comes from a user.</summary>
public static class MediaKeys
{
    public static string New() => Guid.CreateVersion7().ToString("N");

    public static bool IsValid(string key) => key.Length == 32 && key.All(char.IsAsciiHexDigitLower);
}
