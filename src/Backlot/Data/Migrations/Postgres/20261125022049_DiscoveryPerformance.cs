using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backlot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DiscoveryPerformance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_CategoryId_PublishedAt",
                table: "SearchDocuments",
                columns: new[] { "CategoryId", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_Filter",
                table: "SearchDocuments",
                columns: new[] { "ArticleId", "PublishedAt", "CategoryId", "Kind" });

            // Suggestions match prefixes of titles and names: without an index on the very expression
            // PostgreSQL computed it for every document of a rare prefix.
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchDocuments_Suggest" ON "SearchDocuments" USING GIN (to_tsvector('simple', "Title" || ' ' || "Names"));""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_SearchDocuments_Suggest";""");

            migrationBuilder.DropIndex(
                name: "IX_SearchDocuments_CategoryId_PublishedAt",
                table: "SearchDocuments");

            migrationBuilder.DropIndex(
                name: "IX_SearchDocuments_Filter",
                table: "SearchDocuments");
        }
    }
}
