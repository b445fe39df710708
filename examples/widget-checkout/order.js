// Your checkout code: report the purchase once payment succeeded.
document.getElementById('pay').addEventListener('click', () => npskit('track', 'purchase_completed'));
