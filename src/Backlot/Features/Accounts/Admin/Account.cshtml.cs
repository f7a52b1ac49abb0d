using System.ComponentModel.DataAnnotations;
using Backlot.Features.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Backlot.Features.Accounts.Admin;

public sealed class AccountModel(UserManager<BacklotUser> users, SignInManager<BacklotUser> signIn) : AdminPage
{
    public override string Title => "Your account";

    [BindProperty, Required(ErrorMessage = "Enter your current password."), DataType(DataType.Password)]
    public string CurrentPassword { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Choose a new password."), DataType(DataType.Password)]
    public string NewPassword { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(CurrentPassword) : nameof(NewPassword), error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        Flash("Your password was changed.");
        return RedirectToPage();
    }
}
