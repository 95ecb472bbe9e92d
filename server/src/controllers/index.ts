import broadcasts from './broadcasts';
import pages from './pages';
import subscribers from './subscribers';
import webhook from './webhook';

export default { webhook, broadcasts, pages, subscribers };
