using Backlot.Features.Site;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backlot.Features.Admin;

/// <summary>
/// Base of admin pages: a title for the admin layout. Access is enforced for every page under
/// /admin by <see cref="Accounts.AdminAuthorizationConvention"/>; stricter roles are attributes on the page.
/// </summary>
public abstract class AdminPage : PageModel, IHasPageMeta
{
    public abstract string Title { get; }

    public PageMeta Meta => new() { Title = Title, NoIndex = true };

    /// <summary>Shown once on the next page (after a redirect).</summary>
    protected void Flash(string message) => TempData["Status"] = message;
}
