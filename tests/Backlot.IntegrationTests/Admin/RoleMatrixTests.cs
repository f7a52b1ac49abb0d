using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Backlot.Data;
using Backlot.Features.Accounts;
using Backlot.Features.Articles;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Admin;

/// <summary>
/// Every admin route and handler, found in the app's endpoints (so a new page is covered the day it
/// is added), for each role and anonymous, GET and POST, with and without the antiforgery token:
/// the expected status, and nothing changed by any request that is refused.
/// </summary>
public sealed class RoleMatrixTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private const string Anyone = "anyone";

    /// <summary>
    /// The least role each request needs, "METHOD route handler". Ids in routes point at content
    /// that is not the caller's: another author's published article, an imported image, a reader's comment.
    /// </summary>
    private static readonly Dictionary<string, string> LeastRole = new()
    {
        // The ways in.
        ["GET admin/sign-in"] = Anyone,
        ["POST admin/sign-in"] = Anyone,
        ["GET admin/setup"] = Anyone,
        ["POST admin/setup"] = Anyone,
        ["GET admin/invitation"] = Anyone,
        ["POST admin/invitation"] = Anyone,

        // Everyone signed in: the dashboard, their account, the article list, a new article.
        ["GET admin"] = Roles.Contributor,
        ["GET admin/account"] = Roles.Contributor,
        ["POST admin/account"] = Roles.Contributor,
        ["GET admin/sign-out"] = Roles.Contributor,
        ["POST admin/sign-out"] = Roles.Contributor,
        ["GET admin/articles"] = Roles.Contributor,
        ["GET admin/articles/new"] = Roles.Contributor,
        ["POST admin/articles/new Save"] = Roles.Contributor,
        ["POST admin/articles/new Autosave"] = Roles.Contributor,
        ["POST admin/articles/new Checks"] = Roles.Contributor,
        ["POST admin/articles/new PreviewMarkdown"] = Roles.Contributor,
        ["POST admin/articles/new AddItem"] = Roles.Contributor,
        ["POST admin/articles/new RemoveItem"] = Roles.Contributor,
        ["POST admin/articles/new MoveItem"] = Roles.Contributor,

        // The editor's form helpers redraw what was posted and read nothing of the article.
        ["POST admin/articles/{id:int} Checks"] = Roles.Contributor,
        ["POST admin/articles/{id:int} PreviewMarkdown"] = Roles.Contributor,
        ["POST admin/articles/{id:int} AddItem"] = Roles.Contributor,
        ["POST admin/articles/{id:int} RemoveItem"] = Roles.Contributor,
        ["POST admin/articles/{id:int} MoveItem"] = Roles.Contributor,

        // Another author's published article: Editors and up.
        ["GET admin/articles/{id:int}"] = Roles.Editor,
        ["POST admin/articles/{id:int} Save"] = Roles.Editor,
        ["POST admin/articles/{id:int} Autosave"] = Roles.Editor,
        ["GET admin/articles/{id:int}/preview"] = Roles.Editor,
        ["GET admin/articles/{id:int}/revisions"] = Roles.Editor,
        ["POST admin/articles/{id:int}/revisions Restore"] = Roles.Editor,
        ["GET admin/articles/{id:int}/related"] = Roles.Editor,
        ["POST admin/articles/{id:int}/related Pin"] = Roles.Editor,
        ["POST admin/articles/{id:int}/related Unpin"] = Roles.Editor,
        ["POST admin/articles/{id:int}/related Move"] = Roles.Editor,
        ["POST admin/articles/{id:int}/related Exclude"] = Roles.Editor,
        ["POST admin/articles/{id:int}/related Include"] = Roles.Editor,

        // Media: Authors upload and see the library; someone else's image is changed or deleted by Editors.
        ["GET admin/media"] = Roles.Author,
        ["POST admin/media Upload"] = Roles.Author,
        ["GET admin/media/{id:int}"] = Roles.Author,
        ["POST admin/media/{id:int}"] = Roles.Editor,
        ["POST admin/media/{id:int} Delete"] = Roles.Editor,

        // Comments and push notifications: Editors.
        ["GET admin/comments"] = Roles.Editor,
        ["POST admin/comments Row"] = Roles.Editor,
        ["POST admin/comments Bulk"] = Roles.Editor,
        ["POST admin/comments Reply"] = Roles.Editor,
        ["GET admin/comments/{id:int}"] = Roles.Editor,
        ["POST admin/comments/{id:int} Save"] = Roles.Editor,
        ["POST admin/comments/{id:int} Reply"] = Roles.Editor,
        ["GET admin/notifications"] = Roles.Editor,
        ["POST admin/notifications Preview"] = Roles.Editor,
        ["POST admin/notifications Send"] = Roles.Editor,
        ["POST admin/notifications Cancel"] = Roles.Editor,

        // Users, settings, imports and erasing a commenter's data: Administrators.
        ["GET admin/users"] = Roles.Administrator,
        ["POST admin/users Invite"] = Roles.Administrator,
        ["POST admin/users Role"] = Roles.Administrator,
        ["GET admin/settings"] = Roles.Administrator,
        ["POST admin/settings"] = Roles.Administrator,
        ["GET admin/import"] = Roles.Administrator,
        ["POST admin/import"] = Roles.Administrator,
        ["GET admin/import/{id:guid}"] = Roles.Administrator,
        ["GET admin/comments/erase"] = Roles.Administrator,
        ["POST admin/comments/erase Preview"] = Roles.Administrator,
        ["POST admin/comments/erase Erase"] = Roles.Administrator,
    };

    /// <summary>Who asks: anonymous first, then each role from the least.</summary>
    private static readonly string[] Callers = [Anyone, .. Roles.All];

    /// <summary>Tables that change on their own (sessions at sign-in, work queues and what they derive), left out of "nothing changed".</summary>
    private static readonly HashSet<string> Volatile = ["UserSessions", "StaleRelatedStories", "RelatedStories", "SearchDocuments", "SearchNames", "__EFMigrationsHistory"];

    private sealed record Request(string Method, string Route, string? Handler)
    {
        public string Key => $"{Method} {Route}{(Handler is null ? "" : " " + Handler)}";
    }

    [Fact]
    public void Every_admin_request_has_an_expected_role_in_the_table()
    {
        var unlisted = AdminRequests().Select(r => r.Key).Where(k => !LeastRole.ContainsKey(k)).ToList();
        var gone = LeastRole.Keys.Except(AdminRequests().Select(r => r.Key)).ToList();

        Assert.True(unlisted.Count == 0, "Add to RoleMatrixTests.LeastRole: " + string.Join(", ", unlisted));
        Assert.True(gone.Count == 0, "No longer an admin request, remove from RoleMatrixTests.LeastRole: " + string.Join(", ", gone));
    }

    [Fact]
    public async Task Every_admin_request_is_answered_as_its_role_allows_and_refusals_change_nothing()
    {
        var ids = await IdsAsync();
        var failures = new List<string>();
        foreach (var caller in Callers)
        {
            var client = caller == Anyone
                ? site.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true })
                : (await AdminSession.SignInAsNewAsync(site, caller)).Client;
            var token = await TokenAsync(client, caller == Anyone ? "/admin/sign-in" : "/admin/account");

            // Signing out comes last: it ends the caller's session.
            foreach (var request in AdminRequests().OrderBy(r => r.Route == "admin/sign-out" && r.Method == "POST").ThenBy(r => r.Key, StringComparer.Ordinal))
            {
                var allowed = LeastRole.TryGetValue(request.Key, out var least) && Allows(caller, least);
                foreach (var withToken in request.Method == "GET" ? [true] : new[] { false, true })
                {
                    var refused = !allowed || (request.Method == "POST" && !withToken);
                    var before = refused ? await FingerprintAsync() : null;
                    using var response = await SendAsync(client, request, ids, withToken ? token : null);
                    var status = (int)response.StatusCode;
                    var toSignIn = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
                        && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString).StartsWith("/admin/sign-in", StringComparison.Ordinal);
                    var what = $"{caller,-13} {request.Key}{(request.Method == "POST" ? withToken ? " (token)" : " (no token)" : "")}: {status}";

                    if (refused)
                    {
                        // Anonymous visitors are sent to sign in; signed-in users without the role get 403; a post without its token, 400.
                        var expected = !allowed && caller != Anyone ? status == 403 || (!withToken && status == 400)
                            : !allowed ? toSignIn
                            : status == 400;
                        if (!expected)
                        {
                            failures.Add(what + " (expected a refusal)");
                        }

                        if (await FingerprintAsync() != before)
                        {
                            failures.Add(what + " changed data although refused");
                        }
                    }
                    else if (status is 401 or 403 or >= 500 || (toSignIn && request.Route != "admin/sign-out") || (status == 400 && await IsAntiforgeryFailureAsync(response)))
                    {
                        failures.Add(what + " (expected to be let through)");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static bool Allows(string caller, string least) =>
        least == Anyone || (caller != Anyone && Roles.AtLeast(least).Contains(caller));

    private List<Request> AdminRequests()
    {
        var requests = new List<Request>();
        foreach (var endpoint in site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
            if (route != "admin" && !route.StartsWith("admin/", StringComparison.Ordinal))
            {
                continue;
            }

            if (endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() is { } page)
            {
                requests.AddRange(page.HandlerMethods
                    .Where(h => h.HttpMethod is "GET" or "POST" or "Get" or "Post")
                    .Select(h => new Request(h.HttpMethod.ToUpperInvariant(), route, h.Name)));
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
                requests.AddRange(methods.Where(m => m is "GET" or "POST").Select(m => new Request(m, route, null)));
            }
        }

        return requests.DistinctBy(r => r.Key).ToList();
    }

    private async Task<Dictionary<string, string>> IdsAsync()
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var article = await db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(TestContext.Current.CancellationToken);
        var media = await db.Media.Where(m => m.UploadedById == null).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(TestContext.Current.CancellationToken);
        var comment = await db.Set<Backlot.Features.Comments.Comment>().OrderBy(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync(TestContext.Current.CancellationToken);
        return new()
        {
            ["admin/articles/"] = article.ToString(CultureInfo.InvariantCulture),
            ["admin/media/"] = media.ToString(CultureInfo.InvariantCulture),
            ["admin/comments/"] = comment.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Request request, Dictionary<string, string> ids, string? token)
    {
        var path = "/" + request.Route.Replace("{id:guid}", Guid.Empty.ToString("N"), StringComparison.Ordinal);
        if (path.Contains("{id:int}", StringComparison.Ordinal))
        {
            var id = ids.First(i => request.Route.StartsWith(i.Key, StringComparison.Ordinal)).Value;
            path = path.Replace("{id:int}", id, StringComparison.Ordinal);
        }

        if (request.Handler is not null)
        {
            path += "?handler=" + request.Handler;
        }

        if (request.Method == "GET")
        {
            return await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        }

        var fields = new Dictionary<string, string>();
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        return await client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    private static async Task<string> TokenAsync(HttpClient client, string formPage)
    {
        var html = await client.GetStringAsync(new Uri(formPage, UriKind.Relative), TestContext.Current.CancellationToken);
        return Html.Parse(html).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    /// <summary>A 400 that is the antiforgery refusal rather than the handler's own answer to an empty form.</summary>
    private static async Task<bool> IsAntiforgeryFailureAsync(HttpResponseMessage response) =>
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Length == 0;

    /// <summary>A hash of every row of every table the model maps, but the volatile ones.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Where(t => !Volatile.Contains(t)).Distinct().Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            var rows = new List<string>();
            await using (DbDataReader reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
            {
                while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                {
                    var row = new StringBuilder(table);
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        row.Append('|').Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                    }

                    rows.Add(row.ToString());
                }
            }

            rows.Sort(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(row + "\n"));
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
