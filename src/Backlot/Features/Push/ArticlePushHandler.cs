using Backlot.Features.Articles;

namespace Backlot.Features.Push;

/// <summary>Queues a campaign when an article with "notify subscribers" on becomes public.</summary>
internal sealed class ArticlePushHandler(PushCampaigns campaigns, ILogger<ArticlePushHandler> log) : IArticleChangeHandler
{
    public async Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken)
    {
        if (!change.BecamePublic || !change.NotifySubscribers)
        {
            return;
        }

        if (await campaigns.QueueForArticleAsync(change, cancellationToken) is { } id)
        {
            log.LogInformation("Queued push campaign {CampaignId} for article {ArticleId}", id, change.ArticleId);
        }
    }
}
