using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backlot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DiscoveryBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StaleRelatedStories",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    StaleSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Generation = table.Column<int>(type: "integer", nullable: false),
                    ClaimedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaleRelatedStories", x => x.ArticleId);
                    table.ForeignKey(
                        name: "FK_StaleRelatedStories_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StaleRelatedStories_StaleSince",
                table: "StaleRelatedStories",
                column: "StaleSince");

            // Ranking reads title, names and dek only: a vector small enough to stay in the row
            // (storage MAIN, lz4), so ranking thousands of matches never fetches the large "Vector"
            // from TOAST, which was most of a search's time. Its GIN index finds the first tier.
            migrationBuilder.Sql("""
                ALTER TABLE "SearchDocuments" ADD COLUMN "RankVector" tsvector COMPRESSION lz4 GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', "Title"), 'A') ||
                    setweight(to_tsvector('english', "Names"), 'A') ||
                    setweight(to_tsvector('english', "Dek"), 'B')) STORED;
                """);
            migrationBuilder.Sql("""ALTER TABLE "SearchDocuments" ALTER COLUMN "RankVector" SET STORAGE MAIN;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchDocuments_RankVector" ON "SearchDocuments" USING GIN ("RankVector");""");

            // The large vector is still read row by row when the planner walks an index for a common word
            // (counting, text-only matches): lz4 decompresses several times faster than pglz (new and updated rows).
            migrationBuilder.Sql("""ALTER TABLE "SearchDocuments" ALTER COLUMN "Vector" SET COMPRESSION lz4;""");

            // The planner needs the new column's statistics to choose between its GIN index and a walk
            // of the primary key; without them it guessed a common word was rare and ranked every match.
            migrationBuilder.Sql("""ANALYZE "SearchDocuments";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StaleRelatedStories");

            migrationBuilder.Sql("""ALTER TABLE "SearchDocuments" ALTER COLUMN "Vector" SET COMPRESSION pglz;""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_SearchDocuments_RankVector";""");
            migrationBuilder.Sql("""ALTER TABLE "SearchDocuments" DROP COLUMN IF EXISTS "RankVector";""");
        }
    }
}
