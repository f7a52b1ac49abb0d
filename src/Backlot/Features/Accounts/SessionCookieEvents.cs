using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Backlot.Features.Accounts;

/// <summary>
/// Ties the sign-in cookie to a server-side <see cref="UserSession"/>: signing in records one,
/// every request with the cookie checks it (in place of Identity's interval-based stamp check,
/// which would trust a demoted user's cookie for up to 30 minutes), signing out deletes it.
/// Requests without the cookie (anonymous readers) never reach these events.
/// </summary>
internal sealed class SessionCookieEvents(SignedInSessions sessions, IOptions<IdentityOptions> identity) : CookieAuthenticationEvents
{
    public override async Task SigningIn(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity claims || claims.FindFirst(identity.Value.ClaimsIdentity.UserIdClaimType)?.Value is not { } userId)
        {
            return;
        }

        // A cookie issued again (a password change, a second sign-in) replaces the session it came from.
        if (context.HttpContext.User.FindFirst(SignedInSessions.ClaimType)?.Value is { } previous)
        {
            await sessions.EndAsync(previous, context.HttpContext.RequestAborted);
        }

        foreach (var old in claims.FindAll(SignedInSessions.ClaimType).ToList())
        {
            claims.RemoveClaim(old);
        }

        claims.AddClaim(new Claim(SignedInSessions.ClaimType, await sessions.StartAsync(userId, context.HttpContext.RequestAborted)));
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var sessionId = principal?.FindFirst(SignedInSessions.ClaimType)?.Value;
        var userId = principal?.FindFirst(identity.Value.ClaimsIdentity.UserIdClaimType)?.Value;
        var stamp = principal?.FindFirst(identity.Value.ClaimsIdentity.SecurityStampClaimType)?.Value;
        if (sessionId is null || userId is null || !await sessions.IsCurrentAsync(sessionId, userId, stamp, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }

    public override async Task SigningOut(CookieSigningOutContext context)
    {
        if (context.HttpContext.User.FindFirst(SignedInSessions.ClaimType)?.Value is { } sessionId)
        {
            await sessions.EndAsync(sessionId, context.HttpContext.RequestAborted);
        }
    }

    /// <summary>Signed in but without the role: a plain 403, not a redirect to another page.</summary>
    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
