namespace Backlot.Features.Articles;

public enum ArticleChange
{
    Saved,
    Deleted,

    /// <summary>A scheduled article's publish time arrived.</summary>
    WentLive,
}

/// <summary>
/// Raised after an article change is committed. Other features react through
/// <see cref="IArticleChangeHandler"/> (related stories, search index, push campaigns) without
/// reaching into the Articles feature.
/// </summary>
/// <param name="WasPublic">Whether readers could see the article before the change.</param>
/// <param name="IsPublic">Whether readers can see it now.</param>
public sealed record ArticleChanged(int ArticleId, ArticleChange Change, bool WasPublic, bool IsPublic, string CategorySlug, string Path, bool NotifySubscribers)
{
    /// <summary>Readers can see it now and could not before: the moment to notify subscribers.</summary>
    public bool BecamePublic => IsPublic && !WasPublic;
}

/// <summary>Implemented by features that react to article changes; registered as scoped services.</summary>
public interface IArticleChangeHandler
{
    Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken);
}

/// <summary>Calls every <see cref="IArticleChangeHandler"/> in turn; one failing handler does not stop the others or undo the change.</summary>
public sealed class ArticleChangeNotifier(IEnumerable<IArticleChangeHandler> handlers, ILogger<ArticleChangeNotifier> log)
{
    public async Task NotifyAsync(ArticleChanged change, CancellationToken cancellationToken)
    {
        foreach (var handler in handlers)
        {
            try
            {
                await handler.HandleAsync(change, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "{Handler} failed on {Change} of article {ArticleId}", handler.GetType().Name, change.Change, change.ArticleId);
            }
        }
    }
}
