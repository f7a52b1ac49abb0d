using System.ComponentModel.DataAnnotations;
using Backlot.Features.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Backlot.Features.Accounts.Admin;

[AllowAnonymous]
[EnableRateLimiting(AccountsFeature.SignInRateLimit)]
public sealed class SignInModel(AccountSignIn accounts) : AdminPage
{
    public override string Title => "Sign in";

    [BindProperty]
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await accounts.SignInAsync(HttpContext, Email, Password, RememberMe);
        if (outcome == SignInOutcome.SignedIn)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl!.StartsWith("/admin", StringComparison.Ordinal) ? ReturnUrl : "/admin");
        }

        // Worded and answered alike whether or not the account exists.
        if (outcome == SignInOutcome.Throttled)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ModelState.AddModelError(string.Empty, $"Too many attempts for this email address: try again in {SignInThrottle.Window.TotalMinutes:0} minutes, or from a browser you have signed in with before.");
        }
        else
        {
            ModelState.AddModelError(string.Empty, "That email and password do not match an account that can sign in.");
        }

        return Page();
    }
}
