using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Backlot.Data;
using Backlot.Features.Site;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Accounts;

/// <summary>
/// The first administrator: while there is none, a random one-time token (24 hours) is printed at
/// start as a link; using it creates the administrator and burns the token. Only its hash is stored.
/// </summary>
public sealed class FirstRunSetup(BacklotDb db, RoleManager<IdentityRole> roles, UserManager<BacklotUser> users, TimeProvider clock)
{
    private const string TokenKey = "setup:token";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(24);

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public async Task<bool> NeedsAdministratorAsync() => (await users.GetUsersInRoleAsync(Roles.Administrator)).Count == 0;

    /// <summary>Makes a new token, replacing any earlier one, and returns it; only its hash is kept.</summary>
    public async Task<string> IssueTokenAsync()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var expires = clock.GetUtcNow().UtcDateTime.Add(TokenLifetime);
        var setting = await db.Set<SiteSetting>().AsTracking().FirstOrDefaultAsync(s => s.Key == TokenKey);
        var value = $"{Hash(token)}|{expires.Ticks.ToString(CultureInfo.InvariantCulture)}";
        if (setting is null)
        {
            db.Set<SiteSetting>().Add(new SiteSetting { Key = TokenKey, Value = value });
        }
        else
        {
            setting.Value = value;
        }

        await db.SaveChangesAsync();
        return token;
    }

    public async Task<bool> IsValidAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100 || !await NeedsAdministratorAsync())
        {
            return false;
        }

        var setting = await db.Set<SiteSetting>().AsNoTracking().FirstOrDefaultAsync(s => s.Key == TokenKey);
        if (setting?.Value.Split('|') is not [var hash, var ticks] || !long.TryParse(ticks, CultureInfo.InvariantCulture, out var expiresTicks))
        {
            return false;
        }

        return new DateTime(expiresTicks, DateTimeKind.Utc) > clock.GetUtcNow().UtcDateTime
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Hash(token)));
    }

    /// <summary>
    /// Creates the administrator if the token is still good, burning the token in the same
    /// transaction: the conditional delete's row count decides, so of simultaneous posts with one
    /// token exactly one creates an administrator; if creating the user fails, the token stands.
    /// </summary>
    public async Task<IdentityResult> CreateAdministratorAsync(string token, string email, string displayName, string password, AccountDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var used = IdentityResult.Failed(new IdentityError { Code = "token", Description = "This setup link has expired or was already used. Restart Backlot for a new one." });
        if (!await IsValidAsync(token))
        {
            return used;
        }

        var value = await db.Set<SiteSetting>().AsNoTracking().Where(s => s.Key == TokenKey).Select(s => s.Value).FirstOrDefaultAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (value is null || await db.Set<SiteSetting>().Where(s => s.Key == TokenKey && s.Value == value).ExecuteDeleteAsync() != 1)
        {
            return used;
        }

        var result = await directory.CreateAsync(email, displayName, Roles.Administrator, password);
        if (result.Succeeded)
        {
            await transaction.CommitAsync();
        }

        return result;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
