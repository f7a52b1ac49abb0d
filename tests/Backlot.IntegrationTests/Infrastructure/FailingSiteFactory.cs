using Backlot.Features.Discovery;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>
/// The production site with two services that throw: search (GET /search, GET /search/suggest) and
/// antiforgery validation (every form POST). What readers and JSON clients then get is the
/// exception handler's answer.
/// </summary>
public sealed class FailingSiteFactory : ProductionSiteFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddScoped<ISearchIndex, FailingSearchIndex>();
            var antiforgery = services.Last(d => d.ServiceType == typeof(IAntiforgery));
            var real = antiforgery.ImplementationType!;
            services.AddSingleton(real);
            services.AddSingleton<IAntiforgery>(sp => new FailingAntiforgery((IAntiforgery)sp.GetRequiredService(real)));
        });
    }

    private sealed class FailingSearchIndex : ISearchIndex
    {
        public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("The search index failed (test).");

        public Task<IReadOnlyList<SearchSuggestion>> SuggestAsync(string prefix, int limit, CancellationToken cancellationToken) => throw new InvalidOperationException("The search index failed (test).");

        public Task<IReadOnlyList<(int ArticleId, double Score)>> SimilarAsync(IReadOnlyList<string> terms, int excludeArticleId, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<(int ArticleId, double Score)>>([]);

        public Task<IReadOnlyList<string>> NearNamesAsync(string text, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);
    }

    /// <summary>Issues tokens as usual; checking one throws.</summary>
    private sealed class FailingAntiforgery(IAntiforgery real) : IAntiforgery
    {
        public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) => real.GetAndStoreTokens(httpContext);

        public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => real.GetTokens(httpContext);

        public Task<bool> IsRequestValidAsync(HttpContext httpContext) => throw new InvalidOperationException("Antiforgery failed (test).");

        public Task ValidateRequestAsync(HttpContext httpContext) => throw new InvalidOperationException("Antiforgery failed (test).");

        public void SetCookieTokenAndHeader(HttpContext httpContext) => real.SetCookieTokenAndHeader(httpContext);
    }
}
