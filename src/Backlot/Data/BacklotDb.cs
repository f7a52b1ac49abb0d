using Backlot.Features.Accounts;
using Backlot.Features.Articles;
using Backlot.Features.Authors;
using Backlot.Features.Discovery;
using Backlot.Features.Media;
using Backlot.Features.Taxonomy;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Backlot.Data;

/// <summary>
/// The one DbContext. Each provider has a subclass that owns its migrations
/// (<see cref="SqliteBacklotDb"/>, <see cref="PostgresBacklotDb"/>); features only ever see this type.
/// </summary>
public abstract class BacklotDb(DbContextOptions options) : IdentityDbContext<BacklotUser>(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ListItem> ListItems => Set<ListItem>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<Redirect> Redirects => Set<Redirect>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Work> Works => Set<Work>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<MediaAsset> Media => Set<MediaAsset>();
    public DbSet<RelatedStory> RelatedStories => Set<RelatedStory>();
    public DbSet<SearchDocument> SearchDocuments => Set<SearchDocument>();
    public DbSet<SearchName> SearchNames => Set<SearchName>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BacklotDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Every instant is UTC; SQLite forgets the kind, so it is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteBacklotDb(DbContextOptions<SqliteBacklotDb> options) : BacklotDb(options);

public sealed class PostgresBacklotDb(DbContextOptions<PostgresBacklotDb> options) : BacklotDb(options);
