import requireHttps from './require-https';

export default { 'require-https': requireHttps };
