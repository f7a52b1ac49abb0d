using System.Text;
using System.Text.Json;
using Backlot.Data;
using Backlot.Features.Accounts;
using Backlot.Features.Admin;
using Backlot.Features.Site;
using Backlot.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Articles.Admin;

public sealed record RevisionRow(int Number, DateTime CreatedAt, string? SavedBy);

/// <summary>Every save of an article, what each changed against the one before, and restoring an old one (as a new save).</summary>
[Authorize(Policy = Policies.Authors)]
public sealed class RevisionsModel(BacklotDb db, ArticleEditor editor, SiteSettings settings, ArticleAccess access) : AdminPage
{
    public override string Title => $"Revisions: {ArticleTitle}";

    public int ArticleId { get; private set; }
    public string ArticleTitle { get; private set; } = "";
    public IReadOnlyList<RevisionRow> Rows { get; private set; } = [];
    public int? Shown { get; private set; }
    public IReadOnlyList<DiffLine> Diff { get; private set; } = [];
    public SiteProfile Site => settings.Current;

    public async Task<IActionResult> OnGetAsync(int id, int? number, CancellationToken cancellationToken)
    {
        var title = await db.Articles.Where(a => a.Id == id).Select(a => a.Title).FirstOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return NotFound();
        }

        if (!await access.MayEditAsync(User, id, cancellationToken))
        {
            return Forbid();
        }

        (ArticleId, ArticleTitle) = (id, title);
        Rows = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == id).OrderByDescending(r => r.Number)
            .Select(r => new RevisionRow(r.Number, r.CreatedAt, r.SavedBy)).ToListAsync(cancellationToken);
        Shown = number ?? (Rows.Count > 0 ? Rows[0].Number : null);
        if (Shown is { } shown)
        {
            var pair = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == id && r.Number <= shown).OrderByDescending(r => r.Number).Take(2)
                .Select(r => r.Snapshot).ToListAsync(cancellationToken);
            Diff = LineDiff.Compare(pair.Count > 1 ? Readable(pair[1]) : "", pair.Count > 0 ? Readable(pair[0]) : "");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, int number, CancellationToken cancellationToken)
    {
        if (!await access.MayEditAsync(User, id, cancellationToken))
        {
            return Forbid();
        }

        var snapshot = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == id && r.Number == number).Select(r => r.Snapshot).FirstOrDefaultAsync(cancellationToken);
        var current = await editor.LoadDraftAsync(id, cancellationToken);
        if (snapshot is null || current is null)
        {
            return NotFound();
        }

        var old = JsonSerializer.Deserialize<ArticleDraft>(snapshot, SnapshotJson.Options)!;

        // Content comes back; where and when the article is published stays as it is now.
        var restored = old with { Slug = current.Slug, Status = current.Status, PublishedAt = current.PublishedAt, CategoryId = current.CategoryId };
        try
        {
            await editor.UpdateAsync(id, restored, User.Identity?.Name, cancellationToken);
            Flash($"Revision {number} restored as a new revision.");
        }
        catch (ArticleValidationException invalid)
        {
            Flash("That revision cannot be restored: " + invalid.Message);
        }

        return Redirect($"/admin/articles/{id}");
    }

    /// <summary>A revision as text, one field or item per block, so the diff reads like the article.</summary>
    private static string Readable(string snapshot)
    {
        var draft = JsonSerializer.Deserialize<ArticleDraft>(snapshot, SnapshotJson.Options)!;
        var text = new StringBuilder()
            .AppendLine("Title: " + draft.Title)
            .AppendLine("Slug: " + draft.Slug)
            .AppendLine("Dek: " + draft.Dek)
            .AppendLine("Status: " + draft.Status)
            .AppendLine()
            .AppendLine(draft.Body);
        foreach (var (item, index) in draft.Items.Select((item, index) => (item, index)))
        {
            text.AppendLine().AppendLine($"## {index + 1}. {item.Heading}");
            if (item.Caption.Length > 0)
            {
                text.AppendLine("Caption: " + item.Caption);
            }

            text.AppendLine(item.Body);
        }

        return text.ToString().TrimEnd();
    }
}
