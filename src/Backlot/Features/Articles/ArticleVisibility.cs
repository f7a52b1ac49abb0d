using System.Linq.Expressions;

namespace Backlot.Features.Articles;

/// <summary>The one rule for what readers may see, used by every public query (pages, feeds, sitemaps, search).</summary>
public static class ArticleVisibility
{
    /// <summary>
    /// Published, or scheduled and due: a scheduled article appears at its time even if the
    /// background job that flips its status is late.
    /// </summary>
    private static readonly Expression<Func<Article, DateTime, bool>> Rule =
        (a, utcNow) => (a.Status == ArticleStatus.Published || a.Status == ArticleStatus.Scheduled)
             && a.PublishedAt != null && a.PublishedAt <= utcNow;

    /// <summary>The rule at a given time; EF reads <paramref name="utcNow"/> as a parameter, so one cached query serves every time.</summary>
    public static Expression<Func<Article, bool>> PublicAt(DateTime utcNow) => Inline<Func<Article, bool>>(a => IsPublic(a, utcNow));

    public static bool IsPublicAt(this Article article, DateTime utcNow) =>
        article is { Status: ArticleStatus.Published or ArticleStatus.Scheduled, PublishedAt: { } at } && at <= utcNow;

    /// <summary>
    /// Stands for the rule inside a query written for <c>EF.CompileAsyncQuery</c>, where the time is a
    /// parameter of the query rather than a value: <see cref="Inline{T}"/> puts the rule in its place.
    /// </summary>
    public static bool IsPublic(Article article, DateTime utcNow) =>
        throw new InvalidOperationException("ArticleVisibility.IsPublic only works inside a query passed through ArticleVisibility.Inline.");

    /// <summary>Replaces every <see cref="IsPublic"/> in <paramref name="query"/> with the rule itself.</summary>
    public static Expression<T> Inline<T>(Expression<T> query) => (Expression<T>)new RuleInliner().Visit(query);

    private sealed class RuleInliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(ArticleVisibility) || node.Method.Name != nameof(IsPublic))
            {
                return base.VisitMethodCall(node);
            }

            var article = Visit(node.Arguments[0]);
            var utcNow = Visit(node.Arguments[1]);
            return new ParameterReplacer(Rule.Parameters[0], article, Rule.Parameters[1], utcNow).Visit(Rule.Body);
        }
    }

    private sealed class ParameterReplacer(ParameterExpression first, Expression firstValue, ParameterExpression second, Expression secondValue) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == first ? firstValue : node == second ? secondValue : node;
    }
}
