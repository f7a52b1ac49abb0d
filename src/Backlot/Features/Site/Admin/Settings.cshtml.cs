using System.ComponentModel.DataAnnotations;
using Backlot.Features.Accounts;
using Backlot.Features.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Site.Admin;

/// <summary>Site settings; saving takes effect at once and evicts every cached page.</summary>
[Authorize(Policy = Policies.Administrators)]
public sealed class SettingsModel(SiteSettings settings, Data.BacklotDb db) : AdminPage
{
    public override string Title => "Settings";

    [BindProperty, Required(ErrorMessage = "The site needs a title."), StringLength(100, ErrorMessage = "The title is longer than 100 characters.")]
    public string SiteTitle { get; set; } = "";

    [BindProperty, StringLength(200, ErrorMessage = "The tagline is longer than 200 characters.")]
    public string? Tagline { get; set; }

    [BindProperty, StringLength(200)]
    public string? BaseUrl { get; set; }

    [BindProperty]
    public int? LogoMediaId { get; set; }

    [BindProperty, Required]
    public string TimeZoneId { get; set; } = "UTC";

    [BindProperty, Range(0, 3650, ErrorMessage = "Enter a number of days from 0 (never close) to 3650.")]
    public int CommentsCloseAfterDays { get; set; }

    [BindProperty, Required(ErrorMessage = "The prompt needs some text."), StringLength(200, ErrorMessage = "The prompt is longer than 200 characters.")]
    public string PushPromptText { get; set; } = "";

    [BindProperty]
    public bool BlockPublishingOnListicleWarnings { get; set; }

    public static IReadOnlyList<string> TimeZones { get; } = [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Order(StringComparer.Ordinal)];

    public void OnGet()
    {
        var current = settings.Current;
        SiteTitle = current.Title;
        Tagline = current.Tagline;
        BaseUrl = current.BaseUrl;
        LogoMediaId = current.LogoMediaId;
        TimeZoneId = current.TimeZoneId;
        CommentsCloseAfterDays = current.CommentsCloseAfterDays;
        PushPromptText = current.PushPromptText;
        BlockPublishingOnListicleWarnings = current.BlockPublishingOnListicleWarnings;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(BaseUrl)
            && (!Uri.TryCreate(BaseUrl.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || uri.UserInfo.Length > 0))
        {
            ModelState.AddModelError(nameof(BaseUrl), "Enter the site's address as http(s)://host, without a path.");
        }

        if (LogoMediaId is { } logo && !await db.Media.AnyAsync(m => m.Id == logo, cancellationToken))
        {
            ModelState.AddModelError(nameof(LogoMediaId), $"There is no image #{logo} in the media library.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out _))
        {
            ModelState.AddModelError(nameof(TimeZoneId), "Choose a time zone from the list.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await settings.SaveAsync(new SiteProfile
        {
            Title = SiteTitle.Trim(),
            Tagline = (Tagline ?? "").Trim(),
            BaseUrl = string.IsNullOrWhiteSpace(BaseUrl) ? null : BaseUrl.Trim().TrimEnd('/'),
            LogoMediaId = LogoMediaId,
            TimeZoneId = TimeZoneId,
            CommentsCloseAfterDays = CommentsCloseAfterDays,
            PushPromptText = PushPromptText.Trim(),
            BlockPublishingOnListicleWarnings = BlockPublishingOnListicleWarnings,
        }, cancellationToken);
        Flash("Settings saved.");
        return RedirectToPage();
    }
}
