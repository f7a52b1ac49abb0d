using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backlot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search structures EF does not model: written by hand, kept in step by the database.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("""
                ALTER TABLE "SearchDocuments" ADD COLUMN "Vector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', "Title"), 'A') ||
                    setweight(to_tsvector('english', "Names"), 'A') ||
                    setweight(to_tsvector('english', "Dek"), 'B') ||
                    setweight(to_tsvector('english', "Text"), 'C')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchDocuments_Vector" ON "SearchDocuments" USING GIN ("Vector");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchNames_Name_Trigram" ON "SearchNames" USING GIN ("Name" gin_trgm_ops);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_SearchNames_Name_Trigram\";");
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_SearchDocuments_Vector\";");
            migrationBuilder.Sql("ALTER TABLE \"SearchDocuments\" DROP COLUMN IF EXISTS \"Vector\";");
        }
    }
}
