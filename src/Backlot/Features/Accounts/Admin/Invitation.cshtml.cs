using System.ComponentModel.DataAnnotations;
using Backlot.Features.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Backlot.Features.Accounts.Admin;

/// <summary>Accepting an invitation: the invited user chooses a password, which burns the one-time token.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsFeature.SignInRateLimit)]
public sealed class InvitationModel(UserManager<BacklotUser> users, SignInManager<BacklotUser> signIn) : AdminPage
{
    public override string Title => "Accept invitation";

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty, Required(ErrorMessage = "Choose a password."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public string DisplayName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await InvitedUserAsync();
        if (user is null)
        {
            return NotFound();
        }

        DisplayName = user.DisplayName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await InvitedUserAsync();
        if (user is null)
        {
            return NotFound();
        }

        DisplayName = user.DisplayName;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, Token!, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "InvalidToken" ? string.Empty : nameof(Password), error.Code == "InvalidToken" ? "This invitation has expired or was already used." : error.Description);
            }

            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        Flash($"Welcome, {user.DisplayName}.");
        return Redirect("/admin");
    }

    /// <summary>Only users who never set a password can accept an invitation.</summary>
    private async Task<BacklotUser?> InvitedUserAsync()
    {
        if (string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token) || UserId.Length > 100 || Token.Length > 2000)
        {
            return null;
        }

        var user = await users.FindByIdAsync(UserId);
        return user is { PasswordHash: null } ? user : null;
    }
}
