using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Backlot.Features.Accounts;
using Backlot.Features.Admin;
using Backlot.Features.Articles.Admin;
using Backlot.Features.Site;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Backlot.Features.Push.Admin;

/// <summary>Push notifications: campaigns with their counts, subscribers per topic, and composing a custom notification.</summary>
[Authorize(Policy = Policies.Editors)]
public sealed class NotificationsModel(PushCampaigns campaigns, SiteSettings settings) : AdminPage
{
    public override string Title => "Notifications";

    public IReadOnlyList<PushCampaignSummary> Campaigns { get; private set; } = [];
    public IReadOnlyList<TopicSubscribers> Topics { get; private set; } = [];
    public SiteProfile Site => settings.Current;

    /// <summary>The payload as it will be sent, shown after "Preview".</summary>
    public string? PreviewJson { get; private set; }
    public int PreviewBytes { get; private set; }

    [BindProperty, Required(ErrorMessage = "A title is required."), StringLength(120, ErrorMessage = "The title is longer than 120 characters.")]
    public string NotificationTitle { get; set; } = "";

    [BindProperty, StringLength(500, ErrorMessage = "The text is longer than 500 characters.")]
    public string? Body { get; set; }

    [BindProperty, Required(ErrorMessage = "Where should a click go? Enter a path on this site or an https URL.")]
    public string Link { get; set; } = "/";

    /// <summary>Topics separated by commas: site, category:tv, work:the-shining.</summary>
    [BindProperty, Required(ErrorMessage = "Choose at least one topic.")]
    public string TopicList { get; set; } = PushTopics.Site;

    [BindProperty]
    public PushUrgency Urgency { get; set; } = PushUrgency.Normal;

    [BindProperty, Range(60, PushCampaigns.MaxTtlSeconds, ErrorMessage = "Keep it between a minute and 28 days (in seconds).")]
    public int? TtlSeconds { get; set; }

    /// <summary>Site time, as a datetime-local field sends it; empty sends now.</summary>
    [BindProperty]
    public string? SendAt { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (ToDraft() is { } draft && ModelState.IsValid)
        {
            try
            {
                (PreviewJson, PreviewBytes) = campaigns.Preview(draft);
            }
            catch (PushValidationException invalid)
            {
                AddErrors(invalid);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken)
    {
        if (ToDraft() is { } draft && ModelState.IsValid)
        {
            try
            {
                var id = await campaigns.QueueAsync(draft, cancellationToken);
                Flash(draft.ScheduledAt is null ? $"Notification {id} is on its way." : $"Notification {id} is scheduled.");
                return RedirectToPage();
            }
            catch (PushValidationException invalid)
            {
                AddErrors(invalid);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken)
    {
        Flash(await campaigns.CancelAsync(id, cancellationToken) ? $"Notification {id} cancelled." : $"Notification {id} can no longer be cancelled.");
        return RedirectToPage();
    }

    private PushNotificationDraft? ToDraft()
    {
        DateTime? sendAt = null;
        if (!string.IsNullOrWhiteSpace(SendAt))
        {
            if (DateTime.TryParseExact(SendAt.Trim(), ArticleForm.DateTimeLocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                sendAt = settings.Current.FromSiteTime(local);
            }
            else
            {
                ModelState.AddModelError(nameof(SendAt), "Enter the send time as a date and time.");
                return null;
            }
        }

        return new PushNotificationDraft
        {
            Title = NotificationTitle.Trim(),
            Body = (Body ?? "").Trim(),
            Url = Link.Trim(),
            Topics = [.. TopicList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
            Urgency = Urgency,
            TtlSeconds = TtlSeconds,
            ScheduledAt = sendAt,
        };
    }

    private void AddErrors(PushValidationException invalid)
    {
        foreach (var (field, messages) in invalid.Errors)
        {
            var key = field switch
            {
                "Title" => nameof(NotificationTitle),
                "Topics" => nameof(TopicList),
                "Url" => nameof(Link),
                "ScheduledAt" => nameof(SendAt),
                _ => field,
            };
            foreach (var message in messages)
            {
                ModelState.AddModelError(key, message);
            }
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Campaigns = await campaigns.ListAsync(0, 50, cancellationToken);
        Topics = await campaigns.SubscribersPerTopicAsync(cancellationToken);
    }
}
