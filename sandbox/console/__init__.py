"""The browser console's static files (index.html, console.css, console.js), served by sandbox.console_routes."""
