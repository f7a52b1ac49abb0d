using System.Security.Cryptography;
using Backlot.Data;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Accounts;

/// <summary>
/// The server's record of who is signed in (<see cref="UserSession"/>). A cookie is honoured only
/// while its session row exists and its user's security stamp is the one it was issued with, and
/// the user is not locked out: one primary-key lookup per signed-in request, on every instance,
/// so a role change, removal, password change, lockout or sign-out takes effect everywhere at the
/// next request.
/// </summary>
public sealed class SignedInSessions(BacklotDb db, TimeProvider clock)
{
    /// <summary>The claim in the cookie that names its session.</summary>
    public const string ClaimType = "backlot:session";

    /// <summary>A session ends after this long on the server even while its cookie keeps sliding: the user signs in again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    /// <summary>Records a new session for <paramref name="userId"/> and returns its id.</summary>
    public async Task<string> StartAsync(string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Sessions whose cookie was simply dropped are swept here, per user, so the table stays the size of who is signed in.
        var expired = now - MaxAge;
        await db.Set<UserSession>().Where(s => s.UserId == userId && s.CreatedAt < expired).ExecuteDeleteAsync(cancellationToken);

        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await db.Database.ExecuteSqlAsync($"INSERT INTO \"UserSessions\" (\"Id\", \"UserId\", \"CreatedAt\") VALUES ({id}, {userId}, {now})", cancellationToken);
        return id;
    }

    /// <summary>Whether the session still stands for the user, with the security stamp its cookie carries.</summary>
    public async Task<bool> IsCurrentAsync(string sessionId, string userId, string? securityStamp, CancellationToken cancellationToken)
    {
        var session = await db.Set<UserSession>().AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.CreatedAt, u.SecurityStamp, u.LockoutEnd })
            .FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return session is not null
            && string.Equals(session.SecurityStamp, securityStamp, StringComparison.Ordinal)
            && !(session.LockoutEnd > now)
            && session.CreatedAt > now.UtcDateTime - MaxAge;
    }

    /// <summary>Ends one session: its cookie, and every copy of it, stops working.</summary>
    public Task EndAsync(string sessionId, CancellationToken cancellationToken) =>
        db.Set<UserSession>().Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Ends every session of a user.</summary>
    public Task EndAllAsync(string userId, CancellationToken cancellationToken) =>
        db.Set<UserSession>().Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}
