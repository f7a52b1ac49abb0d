using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Backlot.Features.Accounts;

/// <summary>What a sign-in attempt came to; the two refusals read the same for real and unknown accounts.</summary>
public enum SignInOutcome
{
    SignedIn,

    /// <summary>Wrong email or password, a locked or disabled account: one answer for all.</summary>
    Refused,

    /// <summary>Too many attempts for this email address from browsers it has not signed in from.</summary>
    Throttled,
}

/// <summary>
/// Password sign-in that reveals nothing about which accounts exist: an unknown email costs the
/// same password hashing as a real one and gets the same answer, and the per-account limit
/// (<see cref="SignInThrottle"/>) counts unknown and real addresses alike. Failures do not lock
/// the account itself (Identity's lockout on failure is off): that would let anyone lock its
/// owner out; the throttle limits guessing instead, and spares browsers the owner signed in from.
/// </summary>
public sealed class AccountSignIn(SignInManager<BacklotUser> signIn, UserManager<BacklotUser> users, IPasswordHasher<BacklotUser> hasher, SignInThrottle throttle, IDataProtectionProvider protection, IHostEnvironment environment)
{
    /// <summary>Remembers, in the browser, the accounts it signed in to: HttpOnly, signed and encrypted.</summary>
    public const string DeviceCookie = "backlot.device";

    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<BacklotUser>().HashPassword(new BacklotUser { DisplayName = "decoy" }, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));

    private readonly IDataProtector devices = protection.CreateProtector("Backlot.Accounts.Device.v1");

    public async Task<SignInOutcome> SignInAsync(HttpContext http, string email, string password, bool remember)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(email);
        email = email.Trim();
        var user = await users.FindByEmailAsync(email);
        var device = user is null ? null : DeviceKey(http, user.Id);
        if (!throttle.TryAttempt(email, device))
        {
            return SignInOutcome.Throttled;
        }

        if (user is null)
        {
            // The same work as checking a real password, so the time taken does not tell either.
            hasher.VerifyHashedPassword(new BacklotUser { DisplayName = "decoy" }, DecoyHash.Value, password);
            return SignInOutcome.Refused;
        }

        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: false);
        if (!result.Succeeded)
        {
            return SignInOutcome.Refused;
        }

        RememberDevice(http, user.Id, device);
        return SignInOutcome.SignedIn;
    }

    private string? DeviceKey(HttpContext http, string userId)
    {
        if (!http.Request.Cookies.TryGetValue(DeviceCookie, out var cookie) || cookie is null || cookie.Length > 4000)
        {
            return null;
        }

        try
        {
            // One cookie per browser, listing the accounts it signed in to ("userId device" per line).
            foreach (var line in devices.Unprotect(cookie).Split('\n'))
            {
                if (line.Split(' ') is [var id, var key] && id == userId)
                {
                    return key;
                }
            }
        }
        catch (CryptographicException)
        {
            // A cookie we did not write, or written with a retired key: the browser is a stranger.
        }

        return null;
    }

    private void RememberDevice(HttpContext http, string userId, string? known)
    {
        if (known is not null)
        {
            return;
        }

        var lines = new List<string>();
        if (http.Request.Cookies.TryGetValue(DeviceCookie, out var cookie) && cookie is { Length: <= 4000 })
        {
            try
            {
                lines.AddRange(devices.Unprotect(cookie).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(4));
            }
            catch (CryptographicException)
            {
                // Replaced below.
            }
        }

        lines.Add($"{userId} {Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}");
        http.Response.Cookies.Append(DeviceCookie, devices.Protect(string.Join('\n', lines)), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps || !environment.IsDevelopment(),
            SameSite = SameSiteMode.Strict,
            Path = "/admin",
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });
    }
}
