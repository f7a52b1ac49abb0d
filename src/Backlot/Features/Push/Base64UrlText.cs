namespace Backlot.Features.Push;

/// <summary>Base64url as Web Push uses it for keys, secrets and JWT parts; padding optional on input.</summary>
internal static class Base64UrlText
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>Null when <paramref name="text"/> is not base64url (standard base64's '+' and '/' are accepted too: some browsers send them).</summary>
    public static byte[]? TryDecode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 1000)
        {
            return null;
        }

        var normalized = text.Replace('+', '-').Replace('/', '_').TrimEnd('=');
        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(normalized);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
