using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Backlot.Features.Site;

/// <summary>
/// The versioned URL of a file in wwwroot ("/css/site.css?v=&lt;hash&gt;"), as asp-append-version
/// writes it, for the public pages' few links and scripts: the link and script tag helpers buffer
/// and rebuild their element on every render, which an uncached page pays for each time.
/// </summary>
public sealed class AssetUrls(IFileVersionProvider versions)
{
    public string Versioned(string path) => versions.AddFileVersionToPath(PathString.Empty, path);
}
