using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backlot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImportRecordSourceSite : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRecords_Kind_SourceKey",
                table: "ImportRecords");

            migrationBuilder.AddColumn<string>(
                name: "SourceSite",
                table: "ImportRecords",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRecords_Kind_SourceSite_SourceKey",
                table: "ImportRecords",
                columns: new[] { "Kind", "SourceSite", "SourceKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRecords_Kind_SourceSite_SourceKey",
                table: "ImportRecords");

            migrationBuilder.DropColumn(
                name: "SourceSite",
                table: "ImportRecords");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRecords_Kind_SourceKey",
                table: "ImportRecords",
                columns: new[] { "Kind", "SourceKey" },
                unique: true);
        }
    }
}
