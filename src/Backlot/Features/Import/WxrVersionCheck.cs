using System.Text.RegularExpressions;

namespace Backlot.Features.Import;

/// <summary>What <see cref="WxrVersionCheck"/> found: a problem that refuses the file (null when none), the version to read it as, and a warning to report.</summary>
public sealed record WxrVersionVerdict(string? Problem, string ReadAs, string? Warning);

/// <summary>
/// WordPress's importer refuses an export whose <c>wp:wxr_version</c> is missing or is not a number
/// like "1.2", and reads a newer one with a notice. Backlot does the same, unless the operator forces
/// the import, in which case the file is read as the version its namespace names (1.0–1.2; else 1.2).
/// </summary>
public static partial class WxrVersionCheck
{
    public const string Newest = "1.2";

    public static WxrVersionVerdict Check(string? declared, string namespaceVersion)
    {
        var assumed = namespaceVersion is "1.0" or "1.1" or "1.2" ? namespaceVersion : Newest;
        if (declared is null)
        {
            return new WxrVersionVerdict("<wp:wxr_version> is missing", assumed, null);
        }

        var trimmed = declared.Trim();
        if (!VersionNumber().IsMatch(trimmed))
        {
            var shown = trimmed.Length <= 40 ? trimmed : trimmed[..40] + "…";
            return new WxrVersionVerdict($"<wp:wxr_version> \"{shown}\" is not a version number like {Newest}", assumed, null);
        }

        return !Version.TryParse(trimmed, out var version) || version > Version.Parse(Newest)
            ? new WxrVersionVerdict(null, Newest, $"WXR {trimmed} is newer than {Newest}, the newest this importer knows: read as {Newest}")
            : new WxrVersionVerdict(null, trimmed, null);
    }

    [GeneratedRegex(@"^\d+\.\d+$")]
    private static partial Regex VersionNumber();
}
