using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Backlot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Discovery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RelatedStories",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    RelatedArticleId = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RelatedStories", x => new { x.ArticleId, x.RelatedArticleId });
                    table.ForeignKey(
                        name: "FK_RelatedStories_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RelatedStories_Articles_RelatedArticleId",
                        column: x => x.RelatedArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SearchDocuments",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Dek = table.Column<string>(type: "text", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Names = table.Column<string>(type: "text", nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchDocuments", x => x.ArticleId);
                    table.ForeignKey(
                        name: "FK_SearchDocuments_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SearchNames",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchNames", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RelatedStories_RelatedArticleId",
                table: "RelatedStories",
                column: "RelatedArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_PublishedAt",
                table: "SearchDocuments",
                column: "PublishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SearchNames_Name",
                table: "SearchNames",
                column: "Name",
                unique: true);

            // Full-text search: a generated, weighted tsvector with a GIN index; pg_trgm for typo-tolerant names.
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

            migrationBuilder.DropTable(
                name: "RelatedStories");

            migrationBuilder.DropTable(
                name: "SearchDocuments");

            migrationBuilder.DropTable(
                name: "SearchNames");
        }
    }
}
