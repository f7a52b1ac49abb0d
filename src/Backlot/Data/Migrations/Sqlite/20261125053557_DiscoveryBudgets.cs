using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backlot.Data.Migrations.Sqlite
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
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    StaleSince = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Generation = table.Column<int>(type: "INTEGER", nullable: false),
                    ClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StaleRelatedStories");
        }
    }
}
