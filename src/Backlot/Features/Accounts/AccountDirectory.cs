using Backlot.Data;
using Backlot.Features.Authors;
using Backlot.Features.Taxonomy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Accounts;

public sealed record UserRow(string Id, string Email, string DisplayName, string Role, bool HasPassword, bool LockedOut, string? AuthorSlug);

/// <summary>Creates and lists the people who sign in, each with one role and a byline of their own.</summary>
public sealed class AccountDirectory(BacklotDb db, UserManager<BacklotUser> users, TimeProvider clock)
{
    /// <summary>
    /// Creates a user with <paramref name="role"/> and an author byline. Without a password the user
    /// can sign in only after accepting an invitation (<see cref="InviteTokenAsync"/>).
    /// </summary>
    public async Task<IdentityResult> CreateAsync(string email, string displayName, string role, string? password)
    {
        if (!Roles.IsKnown(role))
        {
            return IdentityResult.Failed(new IdentityError { Code = "role", Description = $"Unknown role \"{role}\"; use one of {string.Join(", ", Roles.All)}." });
        }

        displayName = displayName.Trim();
        if (displayName.Length is 0 or > 200)
        {
            return IdentityResult.Failed(new IdentityError { Code = "name", Description = "A name of 1 to 200 characters is required." });
        }

        var user = new BacklotUser { UserName = email.Trim(), Email = email.Trim(), DisplayName = displayName, CreatedAt = clock.GetUtcNow().UtcDateTime, EmailConfirmed = true };
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return result;
        }

        await users.AddToRoleAsync(user, role);
        var slugs = await db.Authors.Select(a => a.Slug).ToListAsync();
        var author = new Author { Slug = Slug.MakeUnique(Slug.From(displayName) is { Length: > 0 } s ? s : "author", slugs.Contains), Name = displayName };
        db.Authors.Add(author);
        await db.SaveChangesAsync();
        user.AuthorId = author.Id;
        await users.UpdateAsync(user);
        return result;
    }

    /// <summary>A one-time token for the invitation link: it sets the first password and stops working once used or after 24 hours.</summary>
    public Task<string> InviteTokenAsync(BacklotUser user) => users.GeneratePasswordResetTokenAsync(user);

    public async Task<IReadOnlyList<UserRow>> ListAsync()
    {
        var rows = new List<UserRow>();
        foreach (var user in await db.Users.AsNoTracking().Include(u => u.Author).OrderBy(u => u.DisplayName).ToListAsync())
        {
            var role = (await users.GetRolesAsync(user)).OrderByDescending(r => Roles.All.ToList().IndexOf(r)).FirstOrDefault() ?? "";
            rows.Add(new UserRow(user.Id, user.Email ?? "", user.DisplayName, role, user.PasswordHash is not null, user.LockoutEnd > clock.GetUtcNow(), user.Author?.Slug));
        }

        return rows;
    }

    /// <summary>
    /// Replaces the user's role; the last administrator cannot be demoted. The security stamp
    /// changes with it, so the user's signed-in sessions end at their next request (see
    /// <see cref="SignedInSessions"/>) instead of keeping the old role.
    /// </summary>
    public async Task<IdentityResult> SetRoleAsync(string userId, string role)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || !Roles.IsKnown(role))
        {
            return IdentityResult.Failed(new IdentityError { Code = "role", Description = "Unknown user or role." });
        }

        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Administrator) && role != Roles.Administrator && (await users.GetUsersInRoleAsync(Roles.Administrator)).Count == 1)
        {
            return IdentityResult.Failed(new IdentityError { Code = "last-admin", Description = "The site must keep at least one administrator." });
        }

        await users.RemoveFromRolesAsync(user, current);
        var result = await users.AddToRoleAsync(user, role);
        return result.Succeeded ? await users.UpdateSecurityStampAsync(user) : result;
    }
}
