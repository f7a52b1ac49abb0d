using System.ComponentModel.DataAnnotations;
using Backlot.Features.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Backlot.Features.Accounts.Admin;

/// <summary>Administrators list users, invite new ones with a one-time link, and change roles.</summary>
[Authorize(Policy = Policies.Administrators)]
public sealed class UsersModel(AccountDirectory directory, UserManager<BacklotUser> users) : AdminPage
{
    public override string Title => "Users";
    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    /// <summary>Shown once, after an invitation is created: the administrator passes it on.</summary>
    public string? InvitationLink { get; private set; }

    [BindProperty, Required(ErrorMessage = "Enter a name."), StringLength(200)]
    public string Name { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter an email address."), EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Role { get; set; } = Roles.Contributor;

    public async Task OnGetAsync() => Rows = await directory.ListAsync();

    public async Task<IActionResult> OnPostInviteAsync()
    {
        if (!Roles.IsKnown(Role))
        {
            ModelState.AddModelError(nameof(Role), "Choose a role.");
        }

        if (!ModelState.IsValid)
        {
            Rows = await directory.ListAsync();
            return Page();
        }

        var result = await directory.CreateAsync(Email, Name, Role, password: null);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(Email) : string.Empty, error.Description);
            }

            Rows = await directory.ListAsync();
            return Page();
        }

        var user = (await users.FindByEmailAsync(Email.Trim()))!;
        var token = await directory.InviteTokenAsync(user);
        InvitationLink = $"{Request.Scheme}://{Request.Host}/admin/invitation?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
        Rows = await directory.ListAsync();
        ModelState.Clear();
        (Name, Email, Role) = ("", "", Roles.Contributor);
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(string userId, string role)
    {
        var result = await directory.SetRoleAsync(userId, role);
        Flash(result.Succeeded ? "Role changed." : string.Join(" ", result.Errors.Select(e => e.Description)));
        return RedirectToPage();
    }
}
