using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backlot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Comments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ApprovedAt",
                table: "Comments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DuplicateKey",
                table: "Comments",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HeldReason",
                table: "Comments",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "CommentsClosed",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Comments_AuthorEmail",
                table: "Comments",
                column: "AuthorEmail");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_DuplicateKey",
                table: "Comments",
                column: "DuplicateKey",
                unique: true,
                filter: "\"DuplicateKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_Status_CreatedAt",
                table: "Comments",
                columns: new[] { "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_AuthorEmail",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_DuplicateKey",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_Status_CreatedAt",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "ApprovedAt",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "DuplicateKey",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "HeldReason",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "CommentsClosed",
                table: "Articles");
        }
    }
}
