using Npgsql;

namespace Backlot.IntegrationTests.Infrastructure;

internal static class Postgres
{
    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.RequirePostgres()) { Database = database, Pooling = true }.ToString();

    public static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestEnvironment.RequirePostgres()) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
