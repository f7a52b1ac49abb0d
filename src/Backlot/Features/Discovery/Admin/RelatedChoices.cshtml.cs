using Backlot.Data;
using Backlot.Features.Admin;
using Backlot.Features.Articles;
using Backlot.Features.Articles.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Discovery.Admin;

/// <summary>An article found by title on the related-stories page, to pin.</summary>
public sealed record PinCandidate(int ArticleId, string Title, string Path, bool AlreadyChosen);

/// <summary>
/// An article's related stories for editors: the automatic "Check Also" suggestions with their
/// score and reasons, the pins in order, the exclusions, and a title search to pin another story.
/// Every change is a plain form post followed by a redirect, so it works without JavaScript.
/// </summary>
public sealed class RelatedChoicesModel(BacklotDb db, RelatedStories related, ISearchIndex search, ArticleAccess access) : AdminPage
{
    public override string Title => $"Related stories: {ArticleTitle}";

    [FromRoute]
    public int Id { get; set; }

    /// <summary>Words to find a story to pin by.</summary>
    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    public string ArticleTitle { get; private set; } = "";
    public IReadOnlyList<RelatedChoice> Pins { get; private set; } = [];
    public IReadOnlyList<RelatedChoice> Exclusions { get; private set; } = [];
    public IReadOnlyList<RelatedSuggestion> Suggestions { get; private set; } = [];
    public IReadOnlyList<PinCandidate> Found { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await RefuseAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var choices = await related.ChoicesAsync(Id, cancellationToken);
        Pins = [.. choices.Where(c => c.Source == RelatedSource.Pinned)];
        Exclusions = [.. choices.Where(c => c.Source == RelatedSource.Excluded)];
        Suggestions = await related.SuggestionsAsync(Id, cancellationToken);
        if (!string.IsNullOrWhiteSpace(Query))
        {
            Query = SearchText.Clean(Query);
            var hits = await search.SearchAsync(new SearchRequest(Query, PageSize: 10), cancellationToken);
            var ids = hits.Hits.Select(h => h.ArticleId).Where(id => id != Id).ToList();
            var articles = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
                .Select(a => new { a.Id, a.Title, Category = a.Category.Slug, a.Slug })
                .ToDictionaryAsync(a => a.Id, cancellationToken);
            var chosen = choices.Select(c => c.ArticleId).ToHashSet();
            Found = [.. ids.Where(articles.ContainsKey).Select(id => articles[id])
                .Select(a => new PinCandidate(a.Id, a.Title, ArticleUrls.PathOf(a.Category, a.Slug), chosen.Contains(a.Id)))];
        }

        return Page();
    }

    public Task<IActionResult> OnPostPinAsync(int? relatedId, CancellationToken cancellationToken) =>
        ChangeAsync(relatedId, (r, ct) => related.PinAsync(Id, r, ct), "Pinned.", cancellationToken);

    public Task<IActionResult> OnPostUnpinAsync(int? relatedId, CancellationToken cancellationToken) =>
        ChangeAsync(relatedId, async (r, ct) =>
        {
            await RequireChoiceAsync(r, RelatedSource.Pinned, ct);
            await related.UnpinAsync(Id, r, ct);
        }, "Unpinned.", cancellationToken);

    public Task<IActionResult> OnPostMoveAsync(int? relatedId, int by, CancellationToken cancellationToken) =>
        ChangeAsync(relatedId, (r, ct) => related.MovePinAsync(Id, r, Math.Sign(by), ct), "Order saved.", cancellationToken);

    public Task<IActionResult> OnPostExcludeAsync(int? relatedId, CancellationToken cancellationToken) =>
        ChangeAsync(relatedId, (r, ct) => related.ExcludeAsync(Id, r, ct), "Excluded: it will not be suggested for this article.", cancellationToken);

    public Task<IActionResult> OnPostIncludeAsync(int? relatedId, CancellationToken cancellationToken) =>
        ChangeAsync(relatedId, async (r, ct) =>
        {
            await RequireChoiceAsync(r, RelatedSource.Excluded, ct);
            await related.IncludeAsync(Id, r, ct);
        }, "Exclusion removed.", cancellationToken);

    private async Task<IActionResult> ChangeAsync(int? relatedId, Func<int, CancellationToken, Task> change, string done, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (relatedId is not { } relatedArticle || !ModelState.IsValid)
        {
            return BadRequest("relatedId: give the id of an article (a whole number).");
        }

        try
        {
            await change(relatedArticle, cancellationToken);
        }
        catch (ArgumentException invalid)
        {
            return BadRequest($"relatedId: {invalid.Message.Split(" (Parameter", 2)[0]}");
        }
        catch (KeyNotFoundException missing)
        {
            return NotFound($"relatedId: {missing.Message}");
        }

        Flash(done);
        return Redirect($"/admin/articles/{Id}/related");
    }

    /// <summary>404 for an unknown article, 403 for one the user may not edit (the editor's own rule), else null.</summary>
    private async Task<IActionResult?> RefuseAsync(CancellationToken cancellationToken)
    {
        var title = await db.Articles.AsNoTracking().Where(a => a.Id == Id).Select(a => a.Title).FirstOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return NotFound($"Article {Id} does not exist.");
        }

        if (!await access.MayEditAsync(User, Id, cancellationToken))
        {
            return Forbid();
        }

        ArticleTitle = title;
        return null;
    }

    private async Task RequireChoiceAsync(int relatedId, RelatedSource source, CancellationToken cancellationToken)
    {
        if (!await db.RelatedStories.AnyAsync(r => r.ArticleId == Id && r.RelatedArticleId == relatedId && r.Source == source, cancellationToken))
        {
            throw new KeyNotFoundException($"Article {relatedId} is not {(source == RelatedSource.Pinned ? "pinned to" : "excluded from")} article {Id}.");
        }
    }
}
