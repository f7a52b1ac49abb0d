using Backlot.Data;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Backlot.IntegrationTests.Startup;

/// <summary>Runs on PostgreSQL whatever the run's provider: skipped without a server, failed without one in CI.</summary>
public sealed class PostgresTests(PostgresSiteFactory site) : IClassFixture<PostgresSiteFactory>
{
    [Fact]
    public async Task With_a_postgres_server_configured_the_site_runs_on_postgres_with_every_migration_applied()
    {
        TestEnvironment.RequirePostgres();

        await site.WithDbAsync(async db =>
        {
            Assert.IsType<PostgresBacklotDb>(db);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.True(await db.Articles.CountAsync() >= 10);
        });
    }
}
