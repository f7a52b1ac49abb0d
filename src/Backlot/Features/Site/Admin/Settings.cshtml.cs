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

    [BindProperty, Range(1, 10, ErrorMessage = "Enter a reply depth from 1 (no replies) to 10.")]
    public int CommentThreadDepth { get; set; } = 5;

    [BindProperty, StringLength(20_000, ErrorMessage = "The blocked words are longer than 20,000 characters.")]
    public string? CommentBlockedWords { get; set; }

    [BindProperty, StringLength(20_000, ErrorMessage = "The blocked emails are longer than 20,000 characters.")]
    public string? CommentBlockedEmails { get; set; }

    [BindProperty, StringLength(20_000, ErrorMessage = "The blocked addresses are longer than 20,000 characters.")]
    public string? CommentBlockedNetworks { get; set; }

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
        CommentThreadDepth = current.CommentThreadDepth;
        CommentBlockedWords = current.CommentBlockedWords;
        CommentBlockedEmails = current.CommentBlockedEmails;
        CommentBlockedNetworks = current.CommentBlockedNetworks;
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

        foreach (var line in Comments.CommentBlocklist.InvalidNetworks(CommentBlockedNetworks ?? ""))
        {
            ModelState.AddModelError(nameof(CommentBlockedNetworks), $"\"{line}\" is not an IP address or a CIDR range such as 203.0.113.0/24.");
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
            CommentThreadDepth = CommentThreadDepth,
            CommentBlockedWords = (CommentBlockedWords ?? "").Trim(),
            CommentBlockedEmails = (CommentBlockedEmails ?? "").Trim(),
            CommentBlockedNetworks = (CommentBlockedNetworks ?? "").Trim(),
            PushPromptText = PushPromptText.Trim(),
            BlockPublishingOnListicleWarnings = BlockPublishingOnListicleWarnings,
        }, cancellationToken);
        Flash("Settings saved.");
        return RedirectToPage();
    }
}
