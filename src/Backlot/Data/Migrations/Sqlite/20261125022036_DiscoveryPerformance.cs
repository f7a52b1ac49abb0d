using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backlot.Data.Migrations.Sqlite
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

            // How many names hold each trigram, so a typo search ORs only the rarest trigrams of what was typed.
            migrationBuilder.Sql("""CREATE VIRTUAL TABLE "SearchNameTrigramTerms" USING fts5vocab("SearchNameTrigrams", 'row');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "SearchNameTrigramTerms";""");

            migrationBuilder.DropIndex(
                name: "IX_SearchDocuments_CategoryId_PublishedAt",
                table: "SearchDocuments");

            migrationBuilder.DropIndex(
                name: "IX_SearchDocuments_Filter",
                table: "SearchDocuments");
        }
    }
}
