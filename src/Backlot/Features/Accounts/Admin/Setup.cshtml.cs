using System.ComponentModel.DataAnnotations;
using Backlot.Features.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Backlot.Features.Accounts.Admin;

/// <summary>Creates the first administrator from the one-time link printed at start.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsFeature.SignInRateLimit)]
public sealed class SetupModel(FirstRunSetup setup, AccountDirectory directory, SignInManager<BacklotUser> signIn, UserManager<BacklotUser> users) : AdminPage
{
    public override string Title => "Set up Backlot";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty, Required(ErrorMessage = "Enter your name."), StringLength(200)]
    public string Name { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Choose a password."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public async Task<IActionResult> OnGetAsync() =>
        await setup.IsValidAsync(Token) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await setup.IsValidAsync(Token))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await setup.CreateAdministratorAsync(Token!, Email, Name, Password, directory);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? nameof(Password) : error.Code.Contains("Email", StringComparison.Ordinal) ? nameof(Email) : string.Empty, error.Description);
            }

            return Page();
        }

        await signIn.SignInAsync((await users.FindByEmailAsync(Email.Trim()))!, isPersistent: false);
        Flash("Welcome! You are the site's administrator.");
        return Redirect("/admin");
    }
}
