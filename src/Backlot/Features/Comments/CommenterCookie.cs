using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Backlot.Features.Comments;

/// <summary>The name, email and website a commenter asked this browser to remember, in an encrypted HttpOnly cookie set only when they tick the box.</summary>
public sealed record RememberedCommenter(string Name, string Email, string Website);

public sealed class CommenterCookie(IDataProtectionProvider protection)
{
    public const string Name = "backlot_commenter";
    private readonly IDataProtector protector = protection.CreateProtector("Backlot.Comments.Commenter");

    public RememberedCommenter? Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RememberedCommenter>(protector.Unprotect(value));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    public void Write(HttpContext context, RememberedCommenter? commenter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Path = "/",
        };
        if (commenter is null)
        {
            if (context.Request.Cookies.ContainsKey(Name))
            {
                context.Response.Cookies.Delete(Name, options);
            }

            return;
        }

        options.MaxAge = TimeSpan.FromDays(365);
        context.Response.Cookies.Append(Name, protector.Protect(JsonSerializer.Serialize(commenter)), options);
    }
}
