using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backlot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search structures EF does not model: written by hand, kept in step by the database.
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
        }
    }
}
