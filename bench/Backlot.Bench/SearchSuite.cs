using System.Diagnostics;
using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Authors;
using Backlot.Features.Discovery;
using Backlot.Features.Taxonomy;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Backlot.Bench;

/// <summary>
/// `search`: generates --size articles (default 50,000) straight into a fresh database, builds the
/// search index, then times searches (p50/p95) and related-story computation for one article.
/// SQLite by default; `--set postgres="Host=…;Username=…;Password=…"` runs it on a fresh PostgreSQL database.
/// `--set folder=/some/dir` keeps the SQLite database there and reuses it on the next run (no generation);
/// `--set database=name` does the same on PostgreSQL (created when missing, never dropped).
/// </summary>
internal sealed class SearchSuite : ISuite
{
    public string Name => "search";

    public string Description => "full-text search p50/p95 and related-stories time over generated articles";

    public async Task<SuiteReport> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var size = options.Size ?? 50_000;
        var postgres = options.Setting("postgres", "");
        var report = new SuiteReport { Suite = Name };
        string? database = null;
        var keptDatabase = options.Setting("database", "");
        if (postgres.Length > 0)
        {
            if (keptDatabase.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(keptDatabase, "^[a-z_][a-z0-9_]{0,62}$"))
            {
                throw new ArgumentException("--set database= takes a plain lowercase PostgreSQL name.");
            }

            database = keptDatabase.Length > 0 ? keptDatabase : "backlot_bench_" + Guid.NewGuid().ToString("N")[..10];
            if (keptDatabase.Length == 0 || !await DatabaseExistsAsync(postgres, keptDatabase))
            {
                await ExecuteAsync(postgres, $"CREATE DATABASE {database}");
            }
        }

        try
        {
            await using var db = database is null
                ? (BacklotDb)new SqliteBacklotDb(new DbContextOptionsBuilder<SqliteBacklotDb>().UseSqlite(DataServices.SqliteConnectionString(new Infrastructure.DataFolder(options.Setting("folder", options.WorkFolder)))).Options)
                : new PostgresBacklotDb(new DbContextOptionsBuilder<PostgresBacklotDb>().UseNpgsql(new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ToString()).Options);
            await db.Database.MigrateAsync(cancellationToken);
            var provider = database is null ? "sqlite" : "postgres";
            report.Notes.Add($"provider {provider}, {size:N0} articles, {Environment.ProcessorCount} cores");

            var clock = Stopwatch.StartNew();
            var reuse = await db.Articles.AnyAsync(cancellationToken);
            var words = reuse ? await ArticleGenerator.WordsOfAsync(db, cancellationToken) : await ArticleGenerator.FillAsync(db, size, cancellationToken);
            if (!reuse)
            {
                report.Add("generate articles").Set("seconds", Math.Round(clock.Elapsed.TotalSeconds, 1));
                clock.Restart();
                await new SearchIndexWriter(db).RebuildAsync(cancellationToken);
                report.Add("build search index").Set("seconds", Math.Round(clock.Elapsed.TotalSeconds, 1));
                if (database is not null)
                {
                    // What autovacuum does after a bulk load on a real server, soon after: the planner
                    // needs the statistics of the expression indexes to use them, and a page read before
                    // its rows' hint bits are set costs three to four times as much.
                    await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE", cancellationToken);
                }
            }
            else
            {
                report.Notes.Add("reused the database in --set folder or --set database");
            }

            ISearchIndex search = database is null ? new SqliteSearchIndex(db, TimeProvider.System) : new PostgresSearchIndex(db, TimeProvider.System);
            var random = new Random(7);
            var queries = Enumerable.Range(0, 300).Select(i => (i % 5) switch
            {
                0 => words.Common[random.Next(words.Common.Count)],
                1 => words.Common[random.Next(words.Common.Count)] + " " + words.Common[random.Next(words.Common.Count)],
                2 => words.Rare[random.Next(words.Rare.Count)],
                3 => words.Names[random.Next(words.Names.Count)],
                _ => Typo(words.Names[random.Next(words.Names.Count)], random),
            }).ToList();

            foreach (var query in queries.Take(20))
            {
                await search.SearchAsync(new SearchRequest(query), cancellationToken); // warm the caches
            }

            var searchTimes = new List<double>();
            var suggestTimes = new List<double>();
            var byKind = QueryKinds.ToDictionary(k => k, _ => new List<double>());
            foreach (var (query, i) in queries.Select((q, i) => (q, i)))
            {
                clock.Restart();
                await search.SearchAsync(new SearchRequest(query), cancellationToken);
                searchTimes.Add(clock.Elapsed.TotalMilliseconds);
                byKind[QueryKinds[i % QueryKinds.Length]].Add(clock.Elapsed.TotalMilliseconds);
            }

            foreach (var query in queries)
            {
                clock.Restart();
                await search.SuggestAsync(query[..Math.Min(query.Length, 4)], 8, cancellationToken);
                suggestTimes.Add(clock.Elapsed.TotalMilliseconds);
            }

            // Before Percentiles sorts the times: which queries they were.
            var slowest = searchTimes.Select((ms, i) => (ms, i)).OrderByDescending(t => t.ms).Take(8)
                .Select(t => $"\"{queries[t.i]}\" ({QueryKinds[t.i % QueryKinds.Length]}) {t.ms:0.0} ms").ToList();
            Percentiles(report.Add("search (page 1, with count and snippets)"), searchTimes);
            foreach (var (kind, times) in byKind)
            {
                // Which queries make the p95: each kind is a fifth of the searches.
                Percentiles(report.Add($"  search: {kind}"), times);
            }

            Percentiles(report.Add("suggest (prefix)"), suggestTimes);
            report.Notes.Add("slowest searches: " + string.Join("; ", slowest));

            var related = new RelatedStories(db, search, new NoOutputCache(), TimeProvider.System);
            var ids = await db.Articles.AsNoTracking().Select(a => a.Id).ToListAsync(cancellationToken);

            // First computations (rows written), then the same articles again: nothing changed, so
            // nothing is written, which is what most neighbours of a saved article see.
            var fresh = await db.Articles.AsNoTracking().Where(a => !db.RelatedStories.Any(r => r.ArticleId == a.Id))
                .Select(a => a.Id).ToListAsync(cancellationToken);
            var sample = fresh.OrderBy(_ => random.Next()).Take(60).ToList();
            var firstTimes = new List<double>();
            var againTimes = new List<double>();
            foreach (var (id, i) in sample.Select((id, i) => (id, i)))
            {
                clock.Restart();
                await related.RecomputeAsync(id, cancellationToken);
                if (i >= 10)
                {
                    firstTimes.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            foreach (var id in sample.Skip(10))
            {
                clock.Restart();
                await related.RecomputeAsync(id, cancellationToken);
                againTimes.Add(clock.Elapsed.TotalMilliseconds);
            }

            Percentiles(report.Add("related stories, one article (first time, rows written)"), firstTimes);
            Percentiles(report.Add("related stories, one article (again, unchanged)"), againTimes);

            // What an editor's save waits for: the article itself, its up to RelatedStories.MaxAffected
            // neighbours queued; then what the background refresher spends on each neighbour.
            var changeTimes = new List<double>();
            var queued = 0;
            foreach (var id in sample.Skip(10).Take(20))
            {
                clock.Restart();
                queued += await related.ArticleChangedAsync(id, cancellationToken);
                changeTimes.Add(clock.Elapsed.TotalMilliseconds);
            }

            Percentiles(report.Add("article saved (it computed, neighbours queued)"), changeTimes);
            var neighbourTimes = new List<double>();
            while (true)
            {
                clock.Restart();
                if (await related.RefreshStaleAsync(1, cancellationToken) == 0)
                {
                    break;
                }

                neighbourTimes.Add(clock.Elapsed.TotalMilliseconds);
            }

            Percentiles(report.Add("  then in the background: one queued neighbour"), neighbourTimes);
            report.Notes.Add($"{queued} neighbours queued by 20 saves");

            // The text-likeness part alone, to show where the time of the whole goes.
            var similarTimes = new List<double>();
            foreach (var id in ids.OrderBy(_ => random.Next()).Take(50))
            {
                var title = await db.Articles.Where(a => a.Id == id).Select(a => a.Title).SingleAsync(cancellationToken);
                clock.Restart();
                await search.SimilarAsync(RelatedStories.KeyTerms(title, "", [], [], []), id, 40, cancellationToken);
                similarTimes.Add(clock.Elapsed.TotalMilliseconds);
            }

            Percentiles(report.Add("  of which text likeness (BM25)"), similarTimes);
            report.Notes.Add("targets: search p95 < 20 ms, related < 50 ms");
            return report;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (database is not null)
            {
                NpgsqlConnection.ClearAllPools();
                if (keptDatabase.Length == 0)
                {
                    await ExecuteAsync(postgres, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
                }
            }
        }
    }

    /// <summary>The kinds of query searched, in turn (query i is of kind i % 5).</summary>
    private static readonly string[] QueryKinds = ["common word", "two common words", "rare word", "name", "misspelt name"];

    private static void Percentiles(ReportRow row, List<double> times)
    {
        times.Sort();
        row.Set("n", times.Count)
            .Set("p50 ms", Math.Round(times[times.Count / 2], 2))
            .Set("p95 ms", Math.Round(times[(int)(times.Count * 0.95)], 2))
            .Set("max ms", Math.Round(times[^1], 2));
    }

    private static string Typo(string name, Random random)
    {
        var i = random.Next(1, Math.Max(2, name.Length - 1));
        return name.Remove(i, 1);
    }

    private static async Task<bool> DatabaseExistsAsync(string server, string name)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync() is not null;
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class NoOutputCache : IOutputCacheStore
    {
        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}

/// <summary>Articles with made-up words (a Zipf-like mix of common and rare), works, people and tags.</summary>
internal static class ArticleGenerator
{
    internal sealed record Words(List<string> Common, List<string> Rare, List<string> Names);

    private static readonly string[] Syllables = ["ka", "lo", "ri", "ten", "mar", "vel", "os", "tri", "an", "dor", "bel", "qui", "zo", "ne", "sta", "ran", "ger", "lux", "pe", "ly", "mon", "ith", "ca", "ru"];

    /// <summary>The same word lists <see cref="FillAsync"/> returned, rebuilt from a database it filled.</summary>
    public static async Task<Words> WordsOfAsync(BacklotDb db, CancellationToken cancellationToken)
    {
        var random = new Random(42);
        var vocabulary = Enumerable.Range(0, 6000).Select(_ => Word(random)).Distinct().ToList();
        var works = await db.Works.OrderBy(w => w.Id).Select(w => w.Title).Take(500).ToListAsync(cancellationToken);
        var people = await db.People.OrderBy(p => p.Id).Select(p => p.Name).Take(500).ToListAsync(cancellationToken);
        return new Words(vocabulary.Take(300).ToList(), vocabulary.Skip(300).ToList(), [.. works.Concat(people)]);
    }

    public static async Task<Words> FillAsync(BacklotDb db, int size, CancellationToken cancellationToken)
    {
        var random = new Random(42);
        var vocabulary = Enumerable.Range(0, 6000).Select(_ => Word(random)).Distinct().ToList();
        var common = vocabulary.Take(300).ToList();
        var rare = vocabulary.Skip(300).ToList();

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var authors = Enumerable.Range(0, 40).Select(i => new Author { Slug = $"author-{i}", Name = $"{Title(random)} {Title(random)}" }).ToList();
        var categories = Enumerable.Range(0, 12).Select(i => new Category { Slug = $"section-{i}", Name = $"Section {i}" }).ToList();
        var works = Enumerable.Range(0, 3000).Select(i => new Work { Slug = $"work-{i}", Title = $"{Title(random)} {Title(random)}", Kind = WorkKind.Film, Year = 1950 + (i % 75) }).ToList();
        var people = Enumerable.Range(0, 4000).Select(i => new Person { Slug = $"person-{i}", Name = $"{Title(random)} {Title(random)}" }).ToList();
        var tags = Enumerable.Range(0, 600).Select(i => new Tag { Slug = $"tag-{i}", Name = $"{vocabulary[i * 7 % vocabulary.Count]} {i}" }).ToList();
        db.AddRange(authors);
        db.AddRange(categories);
        db.AddRange(works);
        db.AddRange(people);
        db.AddRange(tags);
        await db.SaveChangesAsync(cancellationToken);

        var now = DateTime.UtcNow;
        for (var start = 0; start < size; start += 2000)
        {
            var batch = new List<Article>();
            for (var i = start; i < Math.Min(size, start + 2000); i++)
            {
                var articleWorks = Pick(works, random, random.Next(0, 3));
                var title = string.Join(' ', Enumerable.Range(0, 6).Select(_ => Zipf(vocabulary, random)).Concat(articleWorks.Select(w => w.Title)));
                var body = string.Join(' ', Enumerable.Range(0, 120).Select(_ => Zipf(vocabulary, random)));
                batch.Add(new Article
                {
                    Slug = $"article-{i}",
                    Title = title.Length > 300 ? title[..300] : title,
                    Dek = string.Join(' ', Enumerable.Range(0, 18).Select(_ => Zipf(vocabulary, random))),
                    Body = body,
                    BodyHtml = $"<p>{body}</p>",
                    Kind = i % 5 == 0 ? ArticleKind.Listicle : ArticleKind.Story,
                    Status = i % 50 == 0 ? ArticleStatus.Draft : ArticleStatus.Published,
                    PublishedAt = now.AddMinutes(-i * 17),
                    CreatedAt = now.AddMinutes(-i * 17),
                    UpdatedAt = now.AddMinutes(-i * 17),
                    RevisionNumber = 1,
                    Author = authors[random.Next(authors.Count)],
                    Category = categories[random.Next(categories.Count)],
                    Works = articleWorks,
                    People = Pick(people, random, random.Next(0, 4)),
                    Tags = Pick(tags, random, random.Next(1, 5)),
                });
            }

            db.Articles.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            db.AttachRange(authors);
            db.AttachRange(categories);
            db.AttachRange(works);
            db.AttachRange(people);
            db.AttachRange(tags);
        }

        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return new Words(common, rare, [.. works.Take(500).Select(w => w.Title).Concat(people.Take(500).Select(p => p.Name))]);
    }

    private static List<T> Pick<T>(List<T> from, Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => from[(int)Math.Min(from.Count - 1, Math.Abs(random.NextDouble() * random.NextDouble()) * from.Count)]).Distinct()];

    // Early words are used far more often than late ones, as in real text.
    private static string Zipf(List<string> vocabulary, Random random) =>
        vocabulary[(int)(Math.Pow(random.NextDouble(), 3) * vocabulary.Count)];

    private static string Word(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => Syllables[random.Next(Syllables.Length)]));

    private static string Title(Random random)
    {
        var word = Word(random);
        return char.ToUpperInvariant(word[0]) + word[1..];
    }
}
