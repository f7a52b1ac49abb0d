using Backlot.Features.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Backlot.Features.Accounts.Admin;

public sealed class SignOutModel(SignInManager<BacklotUser> signIn) : AdminPage
{
    public override string Title => "Sign out";

    public IActionResult OnGet() => RedirectToPage("/Admin/Dashboard");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/admin/sign-in");
    }
}
