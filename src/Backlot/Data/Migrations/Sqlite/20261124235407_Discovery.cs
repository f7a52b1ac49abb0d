using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backlot.Data.Migrations.Sqlite
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
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    RelatedArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Dek = table.Column<string>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Names = table.Column<string>(type: "TEXT", nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
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

            // Full-text search: FTS5 tables over SearchDocuments and SearchNames ("external content"),
            // kept in step by triggers, so the application only ever writes the plain tables.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "SearchText" USING fts5(
                    "Title", "Dek", "Text", "Names",
                    content='SearchDocuments', content_rowid='ArticleId',
                    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchDocuments_ai" AFTER INSERT ON "SearchDocuments" BEGIN
                    INSERT INTO "SearchText"(rowid, "Title", "Dek", "Text", "Names") VALUES (new."ArticleId", new."Title", new."Dek", new."Text", new."Names");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchDocuments_ad" AFTER DELETE ON "SearchDocuments" BEGIN
                    INSERT INTO "SearchText"("SearchText", rowid, "Title", "Dek", "Text", "Names") VALUES ('delete', old."ArticleId", old."Title", old."Dek", old."Text", old."Names");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchDocuments_au" AFTER UPDATE ON "SearchDocuments" BEGIN
                    INSERT INTO "SearchText"("SearchText", rowid, "Title", "Dek", "Text", "Names") VALUES ('delete', old."ArticleId", old."Title", old."Dek", old."Text", old."Names");
                    INSERT INTO "SearchText"(rowid, "Title", "Dek", "Text", "Names") VALUES (new."ArticleId", new."Title", new."Dek", new."Text", new."Names");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "SearchNameTrigrams" USING fts5("Name", content='SearchNames', content_rowid='Id', tokenize='trigram');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchNames_ai" AFTER INSERT ON "SearchNames" BEGIN
                    INSERT INTO "SearchNameTrigrams"(rowid, "Name") VALUES (new."Id", new."Name");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchNames_ad" AFTER DELETE ON "SearchNames" BEGIN
                    INSERT INTO "SearchNameTrigrams"("SearchNameTrigrams", rowid, "Name") VALUES ('delete', old."Id", old."Name");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchNames_au" AFTER UPDATE ON "SearchNames" BEGIN
                    INSERT INTO "SearchNameTrigrams"("SearchNameTrigrams", rowid, "Name") VALUES ('delete', old."Id", old."Name");
                    INSERT INTO "SearchNameTrigrams"(rowid, "Name") VALUES (new."Id", new."Name");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "SearchDocuments_ai", "SearchDocuments_ad", "SearchDocuments_au", "SearchNames_ai", "SearchNames_ad", "SearchNames_au" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\";");
            }

            migrationBuilder.Sql("DROP TABLE IF EXISTS \"SearchText\";");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"SearchNameTrigrams\";");

            migrationBuilder.DropTable(
                name: "RelatedStories");

            migrationBuilder.DropTable(
                name: "SearchDocuments");

            migrationBuilder.DropTable(
                name: "SearchNames");
        }
    }
}
